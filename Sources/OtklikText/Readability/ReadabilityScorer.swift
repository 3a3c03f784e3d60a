/// Readability of a text: Flesch reading ease for English (206.835 − 1.015·ASL − 84.6·ASW) and Oborneva's
/// adaptation for Russian (206.835 − 1.3·ASL − 60.1·ASW), where ASL is words per sentence and ASW syllables per word.
///
/// Syllables are counted as vowels: every Russian vowel letter; in English, groups of vowel letters (y included)
/// with a silent final "e" not counted, and at least one per word.
public enum ReadabilityScorer {
    /// The readability of `text` in its main language (`en` for Latin-script text, `ru` otherwise).
    public static func score(_ text: String) -> Readability {
        let tokens = Tokenizer.tokenize(text)
        let language = LanguageDetector.mix(of: tokens).primary ?? "ru"
        var sentences = 0
        var words = 0
        var syllables = 0
        var wordsInSentence = 0
        for token in tokens {
            switch token.kind {
            case .word:
                words += 1
                wordsInSentence += 1
                syllables += syllableCount(token)
            case .mark, .boundary:
                // `!`, `?` and sentence-end boundaries end a sentence; clause boundaries (`,`) do not.
                if token.kind == .mark || token.text == "." {
                    if wordsInSentence > 0 { sentences += 1 }
                    wordsInSentence = 0
                }
            default: break
            }
        }
        if wordsInSentence > 0 { sentences += 1 }
        return Readability(language: language, sentences: sentences, words: words, syllables: syllables)
    }

    /// Syllables of one word token.
    public static func syllableCount(_ token: Token) -> Int {
        switch token.script {
        case .cyrillic:
            return token.text.unicodeScalars.filter { "аеиоуыэюяё".unicodeScalars.contains($0) }.count
        case .latin:
            let letters = Array(token.text.unicodeScalars)
            var count = 0
            var previousVowel = false
            for scalar in letters {
                let vowel = "aeiouy".unicodeScalars.contains(scalar)
                if vowel && !previousVowel { count += 1 }
                previousVowel = vowel
            }
            if letters.count > 2, letters.last == "e", !"aeiouy".unicodeScalars.contains(letters[letters.count - 2]),
                !(letters[letters.count - 2] == "l" && !"aeiouy".unicodeScalars.contains(letters[letters.count - 3])),
                count > 1
            {
                count -= 1  // silent e ("make"), but not "-le" after a consonant ("table")
            }
            return max(count, 1)
        case .other:
            return 1
        }
    }
}

/// Counts and the reading-ease score of a text (higher is easier; 60–70 is plain language).
public struct Readability: Sendable, Hashable, Codable {
    public var language: String
    public var sentences: Int
    public var words: Int
    public var syllables: Int

    /// Words per sentence.
    public var averageSentenceLength: Double { sentences == 0 ? 0 : Double(words) / Double(sentences) }
    /// Syllables per word.
    public var averageSyllablesPerWord: Double { words == 0 ? 0 : Double(syllables) / Double(words) }

    /// Flesch reading ease (en) or Oborneva's (ru); nil for a text without words.
    public var score: Double? {
        guard words > 0 else { return nil }
        return language == "en"
            ? 206.835 - 1.015 * averageSentenceLength - 84.6 * averageSyllablesPerWord
            : 206.835 - 1.3 * averageSentenceLength - 60.1 * averageSyllablesPerWord
    }

    /// A plain-language verdict for the score.
    public var level: String? {
        guard let score else { return nil }
        switch score {
        case 80...: return "very easy"
        case 60..<80: return "plain"
        case 30..<60: return "difficult"
        default: return "very difficult"
        }
    }

    enum CodingKeys: String, CodingKey { case language, sentences, words, syllables }
}
