import OtklikCore

extension Theme {
    /// The keywords written in Cyrillic (Russian).
    public var keywordsRu: [String] { keywords.filter(Self.isCyrillic) }
    /// The keywords written in Latin letters (English).
    public var keywordsEn: [String] { keywords.filter { !Self.isCyrillic($0) } }

    static func isCyrillic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
    }

    static func isLatin(_ text: String) -> Bool {
        text.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
    }
}

/// A theme as an organisation gives it, before validation.
public typealias ThemeDraft = (code: String, nameRu: String, nameEn: String, keywordsRu: [String], keywordsEn: [String])

extension ThemeTaxonomy {
    /// Most themes and keywords a taxonomy may hold.
    public static let maxThemes = 200
    public static let maxKeywords = 500
    public static let maxKeywordLength = 100

    /// Checks a taxonomy an organisation wants to store: 1-200 themes with unique codes (`a-z`, digits, `_`,
    /// at most 64), both names (1-200 characters), and 1-500 keywords, each 1-100 characters that give at least
    /// one stem; a Russian keyword is in Cyrillic and has no Latin letter, an English one the other way round.
    /// The error names the field: `themes[2].keywords_ru[0]`.
    public static func validate(themes: [ThemeDraft]) throws(OtklikError) -> ThemeTaxonomy {
        guard !themes.isEmpty else { throw .invalid("themes", "give at least one theme") }
        guard themes.count <= maxThemes else { throw .invalid("themes", "at most \(maxThemes) themes") }
        var seen = Set<String>()
        var result: [Theme] = []
        for (index, theme) in themes.enumerated() {
            let field = "themes[\(index)]"
            let code = theme.code
            guard (1...64).contains(code.count), code.first.map({ ("a"..."z").contains($0) }) == true,
                code.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
            else { throw .invalid("\(field).code", "a theme code is 1-64 characters: a-z, digits and _, starting with a letter") }
            guard seen.insert(code).inserted else { throw .invalid("\(field).code", "theme code '\(code)' is listed twice") }
            for (name, value) in [("name_ru", theme.nameRu), ("name_en", theme.nameEn)] {
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard (1...200).contains(trimmed.count) else { throw .invalid("\(field).\(name)", "a theme name is 1-200 characters") }
            }
            var keywords: [String] = []
            for (list, words, russian) in [("keywords_ru", theme.keywordsRu, true), ("keywords_en", theme.keywordsEn, false)] {
                for (position, raw) in words.enumerated() {
                    let keyword = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                    let keywordField = "\(field).\(list)[\(position)]"
                    guard (1...maxKeywordLength).contains(keyword.count) else {
                        throw .invalid(keywordField, "a keyword is 1-\(maxKeywordLength) characters")
                    }
                    if russian {
                        guard Theme.isCyrillic(keyword) && !Theme.isLatin(keyword) else {
                            throw .invalid(keywordField, "a Russian keyword is written in Cyrillic, without Latin letters")
                        }
                    } else {
                        guard Theme.isLatin(keyword) && !Theme.isCyrillic(keyword) else {
                            throw .invalid(keywordField, "an English keyword is written in Latin letters, without Cyrillic")
                        }
                    }
                    guard !Stemmer.stems(ofPhrase: keyword).isEmpty else { throw .invalid(keywordField, "the keyword has no word in it") }
                    keywords.append(keyword)
                }
            }
            guard !keywords.isEmpty else { throw .invalid("\(field).keywords_ru", "a theme needs at least one keyword") }
            guard keywords.count <= maxKeywords else { throw .invalid("\(field).keywords_ru", "at most \(maxKeywords) keywords a theme") }
            result.append(Theme(
                id: code, nameRu: theme.nameRu.trimmingCharacters(in: .whitespacesAndNewlines),
                nameEn: theme.nameEn.trimmingCharacters(in: .whitespacesAndNewlines), keywords: keywords))
        }
        return ThemeTaxonomy(themes: result)
    }
}
