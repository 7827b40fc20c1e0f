"""What models raise when asked for a move their rules do not allow."""

import enum


class IllegalTransition(Exception):
    """A status move the rules do not allow; ``str()`` says which."""

    def __init__(self, current: enum.Enum, target: enum.Enum):
        super().__init__(f"cannot move from {current.value} to {target.value}")
        self.current, self.target = current, target
