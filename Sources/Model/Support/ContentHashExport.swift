// SHA-256 lives in its own target so that debug builds (the tests) optimise it: see Package.swift.
@_exported import ContentHash
