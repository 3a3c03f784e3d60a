/// The features a `LinearSentimentModel` sees, hashed into a fixed number of buckets (the hashing trick), so a
/// model is one weight table whatever the vocabulary:
///
/// - word stems, marked as negated within a negator's scope ("не работает" gives `¬работа`, not `работа`);
/// - adjacent-stem bigrams within a clause (negation-marked as well);
/// - character n-grams of each word (`charGrams`, with word-boundary markers), which carry misspellings, slang
///   and unseen word forms;
/// - `!`, `?`, emoji;
/// - four dense features from the lexicon's verdict (score, positive and negative mass, whether anything was found),
///   so the model learns how far to trust the shipped lexicon.
///
/// Hashes are FNV-1a, fixed across runs and platforms, so a saved model scores the same everywhere.
public struct HashedSentimentFeatures: Sendable, Equatable {
    /// Hash buckets for sparse features; the dense lexicon features follow them.
    public var buckets: Int
    /// Smallest and largest character n-gram length; nil turns character n-grams off.
    public var charGrams: ClosedRange<Int>?

    /// How many dense (lexicon) features follow the buckets.
    public static let denseCount = 4

    public init(buckets: Int = 1 << 18, charGrams: ClosedRange<Int>? = 3...5) {
        self.buckets = max(buckets, 16)
        self.charGrams = charGrams
    }

    /// Sparse bucket indices (a bucket may repeat: counts add up) and the dense lexicon values of one text.
    public func extract(tokens: [Token], stems: [String], negators: Set<String>, lexicon: LexiconScore) -> (sparse: [Int], dense: [Double]) {
        var sparse: [Int] = []
        sparse.reserveCapacity(tokens.count * 12)
        let modulus = UInt64(buckets)
        func add(_ hash: UInt64) { sparse.append(Int(Self.finalize(hash) % modulus)) }
        var previous: UInt64?
        var negationLeft = 0
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .boundary:
                previous = nil
                negationLeft = 0
                continue
            case .number:
                continue
            case .mark:
                add(Self.hash(token.text, seed: Self.markSeed))
                continue
            case .word, .emoji:
                break
            }
            let isNegator = token.kind == .word && negators.contains(token.text)
            let negated = negationLeft > 0 && !isNegator
            let stem = Self.hash(stems[index], seed: negated ? Self.negatedSeed : Self.wordSeed)
            add(stem)
            if let previous { add((previous &* 0x9E37_79B9_7F4A_7C15) ^ stem ^ Self.bigramSeed) }
            previous = stem
            if token.kind == .word, let charGrams { addCharGrams(token.text, grams: charGrams, negated: negated, to: &sparse) }
            if isNegator {
                negationLeft = LexiconSentimentScorer.negationScope + 1
            }
            if negationLeft > 0 { negationLeft -= 1 }
        }
        let dense = [
            lexicon.score, min(lexicon.positiveMass, 6) / 3, min(lexicon.negativeMass, 6) / 3, lexicon.hits > 0 ? 1 : 0,
        ]
        return (sparse, dense)
    }

    private func addCharGrams(_ word: String, grams charGrams: ClosedRange<Int>, negated: Bool, to sparse: inout [Int]) {
        var scalars: [UInt32] = [0x3C]  // "<" word ">"
        scalars.reserveCapacity(word.unicodeScalars.count + 2)
        for scalar in word.unicodeScalars { scalars.append(scalar.value) }
        scalars.append(0x3E)
        let modulus = UInt64(buckets)
        let seed = negated ? Self.negatedCharSeed : Self.charSeed
        for start in scalars.indices {
            var hash = seed
            for offset in 0..<charGrams.upperBound {
                let position = start + offset
                guard position < scalars.count else { break }
                hash = Self.mix(hash, scalars[position])
                if offset + 1 >= charGrams.lowerBound {
                    sparse.append(Int(Self.finalize(hash) % modulus))
                }
            }
        }
    }

    static let wordSeed: UInt64 = 0xCBF2_9CE4_8422_2325
    static let negatedSeed: UInt64 = 0x84222325CBF29CE4
    static let bigramSeed: UInt64 = 0x5851_F42D_4C95_7F2D
    static let charSeed: UInt64 = 0x2545_F491_4F6C_DD1D
    static let negatedCharSeed: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let markSeed: UInt64 = 0xD6E8_FEB8_6659_FD93

    /// FNV-1a over the UTF-8 bytes of `text`, starting from `seed`.
    static func hash(_ text: String, seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// One FNV-1a step over a whole Unicode scalar value.
    @inline(__always) static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        (hash ^ UInt64(value)) &* 0x0000_0100_0000_01B3
    }

    /// Spreads the bits of an FNV hash (the murmur3 finaliser) before taking it modulo the buckets.
    @inline(__always) static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }
}
