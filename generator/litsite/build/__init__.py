"""The build engine's parts: publishing the output (``output``)."""
