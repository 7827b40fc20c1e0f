"""The program's screening settings: its lists (industries, functions, expertise) and rubric."""
