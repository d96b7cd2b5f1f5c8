// The reader's answers are ELFFacts' values: whoever imports the reader sees them too.
@_exported import ELFFacts
