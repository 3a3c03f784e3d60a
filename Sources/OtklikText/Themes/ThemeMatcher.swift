/// Finds a taxonomy's themes in tokenised text: a keyword matches when its stems occur consecutively.
public struct ThemeMatcher: Sendable {
    public let taxonomy: ThemeTaxonomy
    /// First stem of a keyword → (theme index, the keyword's stems).
    private let keywordsByFirstStem: [String: [(theme: Int, stems: [String])]]

    public init(taxonomy: ThemeTaxonomy = .standard) {
        self.taxonomy = taxonomy
        var index: [String: [(theme: Int, stems: [String])]] = [:]
        for (themeIndex, theme) in taxonomy.themes.enumerated() {
            for keyword in theme.keywords {
                let stems = Stemmer.stems(ofPhrase: keyword)
                guard let first = stems.first else { continue }
                index[first, default: []].append((themeIndex, stems))
            }
        }
        keywordsByFirstStem = index
    }

    /// Identifiers of the themes found, in taxonomy order.
    public func themes(tokens: [Token], stems: [String]) -> [String] {
        var found = [Bool](repeating: false, count: taxonomy.themes.count)
        var any = false
        for position in tokens.indices where tokens[position].kind == .word {
            guard let candidates = keywordsByFirstStem[stems[position]] else { continue }
            for candidate in candidates where !found[candidate.theme] {
                if matches(candidate.stems, at: position, tokens: tokens, stems: stems) {
                    found[candidate.theme] = true
                    any = true
                }
            }
        }
        guard any else { return [] }
        return found.indices.filter { found[$0] }.map { taxonomy.themes[$0].id }
    }

    private func matches(_ keyword: [String], at position: Int, tokens: [Token], stems: [String]) -> Bool {
        guard position + keyword.count <= tokens.count else { return false }
        for offset in 1..<max(keyword.count, 1) where tokens[position + offset].kind != .word || stems[position + offset] != keyword[offset] {
            return false
        }
        return true
    }
}
