/// Everything Otklik derives from one comment: language, sentiment and themes.
public struct TextAnalysis: Sendable, Hashable, Codable {
    /// Main language, `ru` or `en`; nil for text with no letters (emoji only, digits).
    public var lang: String?
    /// Both languages are substantially present.
    public var mixed: Bool
    public var label: SentimentLabel
    /// −1 (negative) … 1 (positive).
    public var score: Double
    /// Identifiers of the taxonomy's themes found.
    public var themes: [String]
    /// Word tokens in the text.
    public var words: Int

    public init(lang: String?, mixed: Bool, label: SentimentLabel, score: Double, themes: [String], words: Int) {
        self.lang = lang
        self.mixed = mixed
        self.label = label
        self.score = score
        self.themes = themes
        self.words = words
    }
}
