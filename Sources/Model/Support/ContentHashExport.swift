// The hashes (XXH3-128, SHA-256) live in ContentHash, the interop target over libxxhash and libcrypto;
// Model re-exports it so its users need no import of their own.
@_exported import ContentHash
