import OtklikCore
import OtklikText

/// A theme of the organisation's taxonomy as the API reads and writes it; the stems are shown, never read.
struct ThemeJSON: Codable, Sendable {
    var code: String
    var nameRu: String
    var nameEn: String
    var keywordsRu: [String]
    var keywordsEn: [String]
    /// Read only: the stems each keyword is matched on (space-joined for phrases).
    var stemsRu: [String]?
    var stemsEn: [String]?

    enum CodingKeys: String, CodingKey {
        case code, nameRu = "name_ru", nameEn = "name_en", keywordsRu = "keywords_ru", keywordsEn = "keywords_en"
        case stemsRu = "stems_ru", stemsEn = "stems_en"
    }

    init(_ theme: Theme) {
        code = theme.id
        nameRu = theme.nameRu
        nameEn = theme.nameEn
        keywordsRu = theme.keywordsRu
        keywordsEn = theme.keywordsEn
        stemsRu = keywordsRu.map { Stemmer.stems(ofPhrase: $0).joined(separator: " ") }
        stemsEn = keywordsEn.map { Stemmer.stems(ofPhrase: $0).joined(separator: " ") }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        nameRu = try container.decode(String.self, forKey: .nameRu)
        nameEn = try container.decode(String.self, forKey: .nameEn)
        keywordsRu = try container.decodeIfPresent([String].self, forKey: .keywordsRu) ?? []
        keywordsEn = try container.decodeIfPresent([String].self, forKey: .keywordsEn) ?? []
    }
}

/// `{"default": …, "themes": [...]}`.
struct TaxonomyJSON: Codable, Sendable {
    var isDefault: Bool?
    var themes: [ThemeJSON]

    enum CodingKeys: String, CodingKey { case isDefault = "default", themes }

    /// The taxonomy after validation; errors name `themes[i].field`.
    func validated() throws(OtklikError) -> ThemeTaxonomy {
        let drafts: [ThemeDraft] = themes.map { ($0.code, $0.nameRu, $0.nameEn, $0.keywordsRu, $0.keywordsEn) }
        return try ThemeTaxonomy.validate(themes: drafts)
    }
}
