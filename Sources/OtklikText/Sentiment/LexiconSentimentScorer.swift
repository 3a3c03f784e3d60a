/// Scores sentiment with a `SentimentLexicon`: valences of stems and phrases, flipped by negation ("не плохо",
/// "not bad"), scaled by intensifiers ("очень", "slightly"), weighted towards what follows a contrast ("…, но…"),
/// raised by exclamation marks, and a complaint wherever a sentence names a cost and its rise ("цены выросли",
/// "fees are too high").
public struct LexiconSentimentScorer: Sendable {
    public var lexicon: SentimentLexicon
    /// Scores at or above this are positive, at or below its negative are negative.
    public var threshold: Double
    /// See `label(for:)` with a `LexiconScore`.
    public var mixedRatio = 0.5

    /// How many words after a negator it reaches (a boundary ends it sooner).
    static let negationScope = 3

    public init(lexicon: SentimentLexicon = .standard, threshold: Double = 0.1) {
        self.lexicon = lexicon
        self.threshold = threshold
    }

    /// The raw valence sum of a tokenised text and the score in −1…1 it maps to.
    public func score(tokens: [Token], stems: [String]) -> LexiconScore {
        var before = 0.0  // valence before the last contrast word
        var sum = 0.0
        var hits = 0
        var positiveMass = 0.0
        var negativeMass = 0.0
        var negationLeft = 0
        var multiplier = 1.0
        var exclamations = 0
        var index = 0
        var sawCost = false, sawRise = false, priceCounted = false, sentenceNegated = false

        func valence(at position: Int) -> Double? {
            guard position < tokens.count, tokens[position].kind == .word || tokens[position].kind == .emoji else {
                return nil
            }
            return lexicon.stemValences[stems[position]]
        }

        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .boundary:
                negationLeft = 0
                multiplier = 1
                index += 1
                if token.text == "." { (sawCost, sawRise, priceCounted, sentenceNegated) = (false, false, false, false) }
                continue
            case .mark:
                if token.text == "!" { exclamations += 1 }
                index += 1
                continue
            case .number:
                index += 1
                continue
            case .word, .emoji:
                break
            }
            let stem = stems[index]
            var value: Double?
            var consumed = 1
            if !priceCounted, token.kind == .word, let isCost = lexicon.priceStems[stem] {
                if isCost { sawCost = true } else { sawRise = true }
                if sawCost && sawRise && !sentenceNegated {
                    sum -= 2
                    negativeMass += 2
                    hits += 1
                    priceCounted = true
                }
            }
            if lexicon.phraseStarts.contains(stem), index + 1 < tokens.count, tokens[index + 1].kind == .word,
                let phrase = lexicon.stemValences[stem + " " + stems[index + 1]]
            {
                value = phrase
                consumed = 2
            } else if token.kind == .word && lexicon.negatorWords.contains(token.text) {
                negationLeft = Self.negationScope + 1
                sentenceNegated = true
            } else if token.kind == .word && lexicon.contrastWords.contains(token.text) {
                before += sum
                sum = 0
                negationLeft = 0
                multiplier = 1
            } else if let factor = lexicon.intensifierStems[stem],
                valence(at: index + 1) != nil || (index + 1 < stems.count && lexicon.intensifierStems[stems[index + 1]] != nil)
            {
                multiplier *= factor
            } else if negationLeft > 0, let factor = lexicon.intensifierStems[stem], factor > 1, lexicon.priceStems[stem] == nil {
                // "не очень." / "not very." with nothing after: mildly negative on its own.
                sum -= 1
                negativeMass += 1
                hits += 1
                negationLeft = 0
            } else {
                value = lexicon.stemValences[stem]
            }
            if var value {
                if negationLeft > 0 {
                    // A negated intensifier softens rather than strengthens: "не очень вкусно" is mildly negative.
                    value = multiplier > 1 ? -0.5 * value : value * (value < 0 ? -0.6 : -0.9) * multiplier
                    negationLeft = 0
                } else {
                    value *= multiplier
                }
                sum += value
                if value > 0 { positiveMass += value } else { negativeMass -= value }
                hits += 1
                multiplier = 1
            }
            if negationLeft > 0 { negationLeft -= 1 }
            index += consumed
        }
        var total = before == 0 ? sum : 0.5 * before + 1.5 * sum
        if total != 0 { total *= 1 + 0.1 * Double(min(exclamations, 3)) }
        return LexiconScore(valence: total, hits: hits, positiveMass: positiveMass, negativeMass: negativeMass)
    }

    /// The label a score implies under this scorer's threshold.
    public func label(for score: Double) -> SentimentLabel {
        score >= threshold ? .positive : (score <= -threshold ? .negative : .neutral)
    }

    /// The label of a lexicon verdict: neutral also when praise and complaint are both strong and balanced
    /// (the smaller at least `mixedRatio` of the larger and at least 3), as in long reviews that say "both".
    public func label(for verdict: LexiconScore) -> SentimentLabel {
        let smaller = min(verdict.positiveMass, verdict.negativeMass)
        if smaller >= 3 && smaller >= mixedRatio * max(verdict.positiveMass, verdict.negativeMass) { return .neutral }
        return label(for: verdict.score)
    }
}

/// The lexicon's verdict on one text.
public struct LexiconScore: Sendable, Hashable {
    /// Sum of (negated, intensified, contrast-weighted) valences.
    public var valence: Double
    /// How many lexicon entries were found.
    public var hits: Int
    /// Sum of the positive contributions.
    public var positiveMass: Double
    /// Sum of the magnitudes of the negative contributions.
    public var negativeMass: Double

    /// The valence squashed into −1…1 (`v / √(v² + 8)`).
    public var score: Double { valence / (valence * valence + 8).squareRoot() }
}
