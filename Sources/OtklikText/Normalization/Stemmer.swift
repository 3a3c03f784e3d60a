/// Chooses the Snowball stemmer by a word's script: Russian for Cyrillic, English for Latin, none otherwise.
public enum Stemmer {
    /// The stem of a normalised word token; other tokens (emoji, numbers) are returned unchanged.
    public static func stem(_ token: Token) -> String {
        guard token.kind == .word else { return token.text }
        switch token.script {
        case .cyrillic: return RussianStemmer.stem(token.text)
        case .latin: return EnglishStemmer.stem(token.text)
        case .other: return token.text
        }
    }

    /// Stems of every word of a phrase (lists, keywords, standard phrases), in order; non-words are dropped.
    public static func stems(ofPhrase phrase: String) -> [String] {
        Tokenizer.tokenize(phrase).filter { $0.kind == .word || $0.kind == .emoji }.map(stem)
    }
}
