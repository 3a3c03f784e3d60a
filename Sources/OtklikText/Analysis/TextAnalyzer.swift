/// The text-analytics entry point: tokenises once, stems once, then detects language, sentiment and themes.
///
/// ```swift
/// let analyzer = TextAnalyzer()                       // shipped lexicon and taxonomy, no trained model
/// analyzer.analyze("Очень долго ждал, но оператор вежливый")  // lang ru, label, score, themes
/// ```
public struct TextAnalyzer: Sendable {
    public var sentiment: SentimentClassifier
    public var themes: ThemeMatcher

    public init(lexicon: SentimentLexicon = .standard, model: NaiveBayesModel? = nil, taxonomy: ThemeTaxonomy = .standard) {
        sentiment = SentimentClassifier(scorer: LexiconSentimentScorer(lexicon: lexicon), model: model)
        themes = ThemeMatcher(taxonomy: taxonomy)
    }

    /// An analyser with a saved model of either kind (nil: the lexicon alone).
    public init(lexicon: SentimentLexicon = .standard, trained: TrainedSentimentModel?, taxonomy: ThemeTaxonomy = .standard) {
        let scorer = LexiconSentimentScorer(lexicon: lexicon)
        sentiment = trained?.classifier(scorer: scorer) ?? SentimentClassifier(scorer: scorer)
        themes = ThemeMatcher(taxonomy: taxonomy)
    }

    public init(sentiment: SentimentClassifier, themes: ThemeMatcher) {
        self.sentiment = sentiment
        self.themes = themes
    }

    /// Language, sentiment and themes of one text.
    public func analyze(_ text: String) -> TextAnalysis {
        let prepared = PreparedText(text)
        let result = sentiment.classify(tokens: prepared.tokens, stems: prepared.stems)
        let mix = LanguageDetector.mix(of: prepared.tokens)
        return TextAnalysis(
            lang: mix.primary, mixed: mix.isMixed, label: result.label, score: result.score,
            themes: themes.themes(tokens: prepared.tokens, stems: prepared.stems),
            words: prepared.tokens.reduce(0) { $0 + ($1.kind == .word ? 1 : 0) })
    }
}

/// A text's tokens and the stem of each (the token's text for non-words), computed once for every analysis.
public struct PreparedText: Sendable {
    public let tokens: [Token]
    public let stems: [String]

    public init(_ text: String) {
        tokens = Tokenizer.tokenize(text)
        stems = tokens.map(Stemmer.stem)
    }
}
