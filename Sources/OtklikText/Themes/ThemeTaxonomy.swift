/// A taxonomy of reasons for (dis)satisfaction: themes with Russian and English keywords, matched at stem level.
/// Editable per organisation as JSON: `{"themes": [{"id", "name_ru", "name_en", "keywords": [...]}]}`.
public struct ThemeTaxonomy: Sendable, Codable, Equatable {
    public var themes: [Theme]

    public init(themes: [Theme]) {
        self.themes = themes
    }

    /// Every stem that appears in some keyword (used to leave known themes out of theme discovery).
    public var keywordStems: Set<String> {
        Set(themes.flatMap { $0.keywords.flatMap(Stemmer.stems(ofPhrase:)) })
    }
}

/// One theme: an identifier, names in both languages, and keywords or short phrases in either language.
public struct Theme: Sendable, Codable, Equatable, Hashable {
    /// Stable identifier, e.g. `waiting_time`.
    public var id: String
    public var nameRu: String
    public var nameEn: String
    /// Words or phrases ("очередь", "hung up"); every form of each word matches.
    public var keywords: [String]

    public init(id: String, nameRu: String, nameEn: String, keywords: [String]) {
        self.id = id
        self.nameRu = nameRu
        self.nameEn = nameEn
        self.keywords = keywords
    }

    enum CodingKeys: String, CodingKey { case id, nameRu = "name_ru", nameEn = "name_en", keywords }
}
