import Foundation

/// SplitMix64: a seeded generator, so a failing sequence (of flips, of delays) is the same on the next run.
/// `init()` takes TOOLGATE_TEST_SEED=N when it is set (to replay a printed seed), else a random seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public let seed: UInt64

    public init() {
        let fromEnv = ProcessInfo.processInfo.environment["TOOLGATE_TEST_SEED"].flatMap { UInt64($0) }
        self.init(seed: fromEnv ?? UInt64.random(in: 1...UInt64(UInt32.max)))
    }

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The name the ELF suites knew it by.
public typealias SplitMix64 = SeededGenerator
