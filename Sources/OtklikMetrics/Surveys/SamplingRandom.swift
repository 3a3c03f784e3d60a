/// A small seeded random number generator for sampling and question rotation: SplitMix64 (Steele, Lea & Flood 2014),
/// with keyed streams made by hashing a string (FNV-1a, 64-bit) into the seed. Every draw Otklik's sampling makes is a
/// function of the plan's seed and the interaction's or respondent's id, so a decision can be reproduced and audited.
/// Bounded integers and unit doubles are computed here rather than by the standard library's `random(in:using:)`,
/// whose algorithm is not specified, so the same seed gives the same draws on every platform and Swift version.
public struct SamplingRandom: RandomNumberGenerator, Sendable, Codable, Equatable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A stream of its own for `key` (an interaction id, a respondent id, a stratum) under `seed`.
    public init(seed: UInt64, key: String) {
        state = Self.mix(seed &+ Self.mix(Self.hash(key)))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform draw in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (bound > 0), by Lemire's multiply-and-reject method: no modulo bias.
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        let threshold = (0 &- range) % range
        while true {
            let product = next().multipliedFullWidth(by: range)
            if product.low >= threshold { return Int(product.high) }
        }
    }

    /// SplitMix64's finaliser: a bijective 64-bit mix.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a (64-bit) of the UTF-8 bytes: a stable hash, unlike `Hasher`, which is seeded per process.
    static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
