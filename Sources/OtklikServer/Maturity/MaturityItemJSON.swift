import OtklikCore

/// One standard as `otklik assess items --format json` prints it (a stable shape: fields are only ever added).
public struct MaturityItemJSON: Codable, Sendable, Equatable {
    public var id: String
    public var pillar: String
    public var domain: Int
    public var domainNameRu: String
    public var domainNameEn: String
    public var textRu: String
    public var textEn: String

    enum CodingKeys: String, CodingKey {
        case id, pillar, domain, domainNameRu = "domain_name_ru", domainNameEn = "domain_name_en", textRu = "text_ru", textEn = "text_en"
    }

    public init(_ item: MaturityItem) {
        let domain = MaturityCatalogue.domain(item.domain)
        id = item.id
        pillar = domain.pillar.rawValue
        self.domain = item.domain
        domainNameRu = domain.nameRu
        domainNameEn = domain.nameEn
        textRu = item.textRu
        textEn = item.textEn
    }

    public static var all: [MaturityItemJSON] { MaturityCatalogue.items.map(MaturityItemJSON.init) }
}
