"""jano: robotic-process automation for Brazilian electoral zones on PJe."""

__version__ = "0.1.0"
