/// Features a supervised sentiment model sees: word stems, stems marked as negated (`¬stem`) within a negator's
/// scope, adjacent-stem bigrams (`a_b`) within a clause, and emoji.
public enum SentimentFeatures {
    /// Distinct features of a tokenised text (binary presence, which suits short comments best).
    public static func extract(tokens: [Token], stems: [String], negators: Set<String>) -> Set<String> {
        var features = Set<String>()
        features.reserveCapacity(tokens.count * 2)
        var previous: String?
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
                features.insert(token.text)
                continue
            case .word, .emoji:
                break
            }
            let stem = stems[index]
            if token.kind == .word && negators.contains(token.text) {
                negationLeft = LexiconSentimentScorer.negationScope + 1
                features.insert(stem)
            } else {
                features.insert(negationLeft > 0 ? "¬" + stem : stem)
            }
            if let previous { features.insert(previous + "_" + stem) }
            previous = stem
            if negationLeft > 0 { negationLeft -= 1 }
        }
        return features
    }
}
