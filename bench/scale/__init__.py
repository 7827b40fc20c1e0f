"""The scale benchmark's parts (bench/scale_bench.py runs them): a large program built in bulk
(``bulk``, ``people``, ``history``) and a gunicorn server driven by a small load generator
(``serve``). A folder, not bench/*.py files, so `make bench` does not run them on their own."""
