// The shared helpers (Tests/TestSupport: TempDir, Spawn, ToolgateBinary, Golden, ...) for every file of
// this target, without an import in each.
@_exported import TestSupport
