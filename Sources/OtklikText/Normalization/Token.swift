/// One token of a normalised text: a word, a number, an emoji or emoticon, or punctuation that matters for analysis.
public struct Token: Sendable, Hashable {
    /// What a token is.
    public enum Kind: String, Sendable, Codable {
        /// Letters (lower-cased, ё folded to е); may contain an inner apostrophe ("don't").
        case word
        /// Digits.
        case number
        /// One emoji (modifiers and joiners dropped) or an emoticon folded to `:)` / `:(`.
        case emoji
        /// `!` or `?`, kept because they change intensity.
        case mark
        /// A sentence end (text `.`: `.`, `…`, newline) or clause boundary (text `,`: `,`, `;`, `:`, dashes); ends
        /// negation scope.
        case boundary
    }

    /// The writing system of a word token.
    public enum Script: String, Sendable, Codable {
        case cyrillic, latin, other
    }

    /// Normalised text of the token.
    public var text: String
    public var kind: Kind
    public var script: Script

    public init(_ text: String, kind: Kind, script: Script = .other) {
        self.text = text
        self.kind = kind
        self.script = script
    }

    /// Language code the token's script implies: `ru` for Cyrillic, `en` for Latin, nil otherwise.
    public var language: String? {
        switch script {
        case .cyrillic: "ru"
        case .latin: "en"
        case .other: nil
        }
    }
}
