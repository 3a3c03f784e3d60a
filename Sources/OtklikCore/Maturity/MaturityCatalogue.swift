import Foundation

/// Seed 001's CX management standards: 3 pillars, 7 domains (9/7/10/7/7/10/5 items), 55 items 1a-7e.
public enum MaturityCatalogue {
    public static let domains: [MaturityDomain] = [
        MaturityDomain(number: 1, pillar: .culture, nameRu: "Миссия и лидерство", nameEn: "Mission and leadership"),
        MaturityDomain(number: 2, pillar: .culture, nameRu: "Опыт сотрудников", nameEn: "Employee experience"),
        MaturityDomain(number: 3, pillar: .insight, nameRu: "Управление обратной связью", nameEn: "Feedback management"),
        MaturityDomain(number: 4, pillar: .insight, nameRu: "Управление данными", nameEn: "Data management"),
        MaturityDomain(number: 5, pillar: .experienceDesign, nameRu: "Управление ценностью", nameEn: "Value management"),
        MaturityDomain(number: 6, pillar: .experienceDesign, nameRu: "Управление клиентскими сценариями", nameEn: "Journey management"),
        MaturityDomain(number: 7, pillar: .experienceDesign, nameRu: "Управление жизненным циклом клиентов", nameEn: "Customer lifecycle management"),
    ]

    /// The domain numbered 1-7.
    public static func domain(_ number: Int) -> MaturityDomain { domains[min(max(number, 1), domains.count) - 1] }

    static let byId: [String: MaturityItem] = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })

    /// The item with this id (Cyrillic look-alike letters accepted, case ignored); nil when unknown.
    public static func item(_ id: String) -> MaturityItem? { byId[latinId(id)] }

    public static func items(inDomain number: Int) -> [MaturityItem] { items.filter { $0.domain == number } }

    /// The id with Cyrillic look-alike letters (а, в, с, е as the seed writes some ids) replaced by Latin ones, trimmed
    /// and lower-cased: "1С" → "1c".
    public static func latinId(_ id: String) -> String {
        let map: [Character: Character] = ["а": "a", "в": "b", "с": "c", "е": "e", "А": "a", "В": "b", "С": "c", "Е": "e"]
        return String(id.trimmingCharacters(in: .whitespaces).map { map[$0] ?? $0 }).lowercased()
    }
}
