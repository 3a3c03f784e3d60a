/// A sentiment lexicon: valences of words and short phrases, negators, intensifiers and contrast words.
///
/// Entries are written as ordinary words ("вежливый", "rude"); they are stemmed when the lexicon is built, so every
/// form of a word matches. An organisation can edit it as JSON (`words`, `negators`, `intensifiers`, `contrasts`).
public struct SentimentLexicon: Sendable, Codable, Equatable {
    /// Word or phrase → valence, −3 (very negative) … +3 (very positive). Emoji are words too.
    public var words: [String: Double]
    /// Words that flip the valence of the next few words ("не", "not", "без", "never").
    public var negators: [String]
    /// Word → multiplier for the next sentiment word ("очень" 1.5, "slightly" 0.6).
    public var intensifiers: [String: Double]
    /// Words after which the sentence's weight shifts to what follows ("но", "but").
    public var contrasts: [String]
    /// Words naming what a customer pays ("цены", "fees"); with a `rises` word in the same sentence, a complaint.
    public var costs: [String]
    /// Words of growth or height ("выросли", "too high"); see `costs`.
    public var rises: [String]

    /// Stem (or space-joined stems of a phrase) → valence.
    public private(set) var stemValences: [String: Double] = [:]
    /// First stem of every phrase entry, for a quick check before looking up a phrase.
    public private(set) var phraseStarts: Set<String> = []
    public private(set) var negatorWords: Set<String> = []
    public private(set) var intensifierStems: [String: Double] = [:]
    public private(set) var contrastWords: Set<String> = []
    /// Stem of a `costs` word → true, of a `rises` word → false (one lookup per word in the scorer).
    public private(set) var priceStems: [String: Bool] = [:]

    public init(
        words: [String: Double], negators: [String], intensifiers: [String: Double], contrasts: [String], costs: [String] = [],
        rises: [String] = []
    ) {
        self.words = words
        self.negators = negators
        self.intensifiers = intensifiers
        self.contrasts = contrasts
        self.costs = costs
        self.rises = rises
        compile()
    }

    enum CodingKeys: String, CodingKey { case words, negators, intensifiers, contrasts, costs, rises }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            words: try container.decode([String: Double].self, forKey: .words),
            negators: try container.decodeIfPresent([String].self, forKey: .negators) ?? [],
            intensifiers: try container.decodeIfPresent([String: Double].self, forKey: .intensifiers) ?? [:],
            contrasts: try container.decodeIfPresent([String].self, forKey: .contrasts) ?? [],
            costs: try container.decodeIfPresent([String].self, forKey: .costs) ?? [],
            rises: try container.decodeIfPresent([String].self, forKey: .rises) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(words, forKey: .words)
        try container.encode(negators, forKey: .negators)
        try container.encode(intensifiers, forKey: .intensifiers)
        try container.encode(contrasts, forKey: .contrasts)
        try container.encode(costs, forKey: .costs)
        try container.encode(rises, forKey: .rises)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.words == rhs.words && lhs.negators == rhs.negators && lhs.intensifiers == rhs.intensifiers
            && lhs.contrasts == rhs.contrasts && lhs.costs == rhs.costs && lhs.rises == rhs.rises
    }

    private mutating func compile() {
        stemValences = [:]
        phraseStarts = []
        // Sorted so that when two words share a stem the outcome does not depend on dictionary order.
        for (word, valence) in words.sorted(by: { $0.key < $1.key }) {
            let stems = Stemmer.stems(ofPhrase: word)
            guard !stems.isEmpty else { continue }
            let key = stems.joined(separator: " ")
            if let existing = stemValences[key], abs(existing) >= abs(valence) { continue }
            stemValences[key] = valence
            if stems.count > 1 { phraseStarts.insert(stems[0]) }
        }
        negatorWords = Set(negators.flatMap { Tokenizer.tokenize($0).map(\.text) })
        intensifierStems = [:]
        for (word, multiplier) in intensifiers {
            if let stem = Stemmer.stems(ofPhrase: word).first { intensifierStems[stem] = multiplier }
        }
        contrastWords = Set(contrasts.flatMap { Tokenizer.tokenize($0).map(\.text) })
        priceStems = [:]
        for stem in rises.flatMap(Stemmer.stems(ofPhrase:)) { priceStems[stem] = false }
        for stem in costs.flatMap(Stemmer.stems(ofPhrase:)) { priceStems[stem] = true }
    }
}
