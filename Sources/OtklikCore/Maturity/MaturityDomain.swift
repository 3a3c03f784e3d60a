/// One of the seven domains of seed 001 (1 mission and leadership … 7 customer lifecycle management).
public struct MaturityDomain: Sendable, Equatable, Codable {
    public var number: Int
    public var pillar: MaturityPillar
    public var nameRu: String
    public var nameEn: String

    public init(number: Int, pillar: MaturityPillar, nameRu: String, nameEn: String) {
        self.number = number
        self.pillar = pillar
        self.nameRu = nameRu
        self.nameEn = nameEn
    }

    public func name(_ language: String) -> String { language == "en" ? nameEn : nameRu }
}
