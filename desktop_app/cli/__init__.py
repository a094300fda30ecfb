"""The command line (CLI.md): the same services as the GUI, without a screen."""
