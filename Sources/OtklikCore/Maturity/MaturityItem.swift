/// One standard of seed 001 (1a … 7e): its Latin id, domain and text in Russian (verbatim from the seed) and English.
public struct MaturityItem: Sendable, Equatable, Codable {
    public var id: String
    public var domain: Int
    public var textRu: String
    public var textEn: String

    public init(id: String, domain: Int, textRu: String, textEn: String) {
        self.id = id
        self.domain = domain
        self.textRu = textRu
        self.textEn = textEn
    }

    public var pillar: MaturityPillar { MaturityCatalogue.domain(domain).pillar }

    public func text(_ language: String) -> String { language == "en" ? textEn : textRu }
}
