import Foundation

/// Finds recurring themes in negative comments that the taxonomy does not cover yet, for a manager to name.
///
/// Candidates are stem n-grams (1–3 content words within a clause, no stop words, no sentiment words, no stem the
/// taxonomy already uses). A negator stays with the word it governs: «не работает» is the candidate `не_работа`
/// («не работает»), never «работает». Each is ranked by how many negative comments contain it times how much more often it
/// occurs in negative comments than in all comments (log-lift, smoothed); an n-gram is dropped when a longer one
/// containing it covers most of its comments.
public struct ThemeDiscovery: Sendable {
    public var minimumComments: Int
    public var maximumLength: Int
    /// Stems never proposed: the taxonomy's keyword stems and the lexicon's sentiment, negator and contrast stems.
    public var excludedStems: Set<String>
    /// Negators ("не", "not") kept inside a candidate with the word that follows them.
    public var negators: Set<String>

    public init(taxonomy: ThemeTaxonomy = .standard, lexicon: SentimentLexicon = .standard, minimumComments: Int = 3, maximumLength: Int = 3) {
        self.minimumComments = minimumComments
        self.maximumLength = maximumLength
        var excluded = taxonomy.keywordStems
        for (key, _) in lexicon.stemValences where !key.contains(" ") { excluded.insert(key) }
        excluded.formUnion(lexicon.intensifierStems.keys)
        for word in lexicon.negatorWords.union(lexicon.contrastWords) { excluded.formUnion(Stemmer.stems(ofPhrase: word)) }
        excludedStems = excluded
        negators = lexicon.negatorWords
    }

    /// Content-word n-grams of one text (distinct), as space-joined stems, with a readable surface form of each.
    public func candidates(tokens: [Token], stems: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var clause: [(stem: String, word: String)] = []
        func flush() {
            for start in clause.indices {
                for length in 1...maximumLength where start + length <= clause.count {
                    let slice = clause[start..<(start + length)]
                    result[slice.map(\.stem).joined(separator: " ")] = slice.map(\.word).joined(separator: " ")
                }
            }
            clause.removeAll(keepingCapacity: true)
        }
        var negator: String?
        for (index, token) in tokens.enumerated() {
            guard token.kind == .word else {
                flush()
                negator = nil
                continue
            }
            if negators.contains(token.text) {
                flush()
                negator = token.text
                continue
            }
            let stem = stems[index]
            if Stopwords.words.contains(token.text) || token.text.unicodeScalars.count < 3 || excludedStems.contains(stem) {
                flush()  // an n-gram never spans a stop word or a sentiment word
                negator = nil
                continue
            }
            if let word = negator {
                clause.append((word + "_" + stem, word + " " + token.text))
                negator = nil
            } else {
                clause.append((stem, token.text))
            }
        }
        flush()
        return result
    }

    /// Ranked new themes among `negative` comments, compared with `all` comments (pass the same list when there is
    /// no background). Each input is the per-comment output of `candidates(tokens:stems:)`.
    public func discover(negative: [[String: String]], all: [[String: String]], limit: Int = 20) -> [DiscoveredTheme] {
        guard !negative.isEmpty else { return [] }
        var negativeCounts: [String: Int] = [:]
        var surfaces: [String: String] = [:]
        var examples: [String: [Int]] = [:]
        for (index, grams) in negative.enumerated() {
            for (gram, surface) in grams {
                negativeCounts[gram, default: 0] += 1
                if surfaces[gram] == nil { surfaces[gram] = surface }
                if examples[gram, default: []].count < 3 { examples[gram, default: []].append(index) }
            }
        }
        var backgroundCounts: [String: Int] = [:]
        for grams in all { for gram in grams.keys where negativeCounts[gram] != nil { backgroundCounts[gram, default: 0] += 1 } }
        let n = Double(negative.count)
        let b = Double(max(all.count, 1))
        var scored: [DiscoveredTheme] = []
        for (gram, count) in negativeCounts where count >= minimumComments {
            let background = Double(max(backgroundCounts[gram] ?? count, count))
            let lift = ((Double(count) + 0.5) / (n + 1)) / ((background + 0.5) / (b + 1))
            let score = Double(count) * max(log2(lift), 0.1) * Double(gram.split(separator: " ").count).squareRoot()
            scored.append(DiscoveredTheme(
                stems: gram, phrase: surfaces[gram] ?? gram, negativeComments: count, allComments: Int(background),
                score: score, exampleIndices: examples[gram] ?? []))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.stems < $1.stems }
        // Drop an n-gram when a longer kept one containing it covers at least 70 % of its comments.
        var kept: [DiscoveredTheme] = []
        for theme in scored {
            let words = " " + theme.stems + " "
            let subsumed = scored.contains { other in
                other.stems.count > theme.stems.count && (" " + other.stems + " ").contains(words)
                    && Double(other.negativeComments) >= 0.7 * Double(theme.negativeComments)
            }
            let covers = kept.contains { (" " + theme.stems + " ").contains(" " + $0.stems + " ") }
            if !subsumed && !covers { kept.append(theme) }
            if kept.count == limit { break }
        }
        return kept
    }
}

/// A recurring n-gram of negative comments, proposed as a new theme.
public struct DiscoveredTheme: Sendable, Hashable, Codable {
    /// Space-joined stems, the n-gram's identity.
    public var stems: String
    /// The words as first seen, for display.
    public var phrase: String
    /// Negative comments containing it.
    public var negativeComments: Int
    /// All comments containing it.
    public var allComments: Int
    /// Frequency × distinctiveness.
    public var score: Double
    /// Up to three indices into the negative comments, as examples.
    public var exampleIndices: [Int]

    enum CodingKeys: String, CodingKey {
        case stems, phrase, negativeComments = "negative_comments", allComments = "all_comments", score
        case exampleIndices = "example_indices"
    }
}
