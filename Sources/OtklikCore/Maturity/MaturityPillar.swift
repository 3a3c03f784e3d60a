/// The three pillars of seed 001's CX management standards: a customer-centric culture (domains 1-2), insight
/// (domains 3-4) and experience design (domains 5-7).
public enum MaturityPillar: String, Sendable, Codable, CaseIterable {
    case culture
    case insight
    case experienceDesign = "experience_design"

    /// The seed's Russian heading (I, II, III).
    public var nameRu: String {
        switch self {
        case .culture: "Поддержка клиентоцентричной культуры"
        case .insight: "Анализ возможностей"
        case .experienceDesign: "Развитие клиентского опыта"
        }
    }

    public var nameEn: String {
        switch self {
        case .culture: "Customer-centric culture"
        case .insight: "Insight"
        case .experienceDesign: "Experience design"
        }
    }

    public func name(_ language: String) -> String { language == "en" ? nameEn : nameRu }

    /// The pillar's domains (numbers 1-7).
    public var domains: [Int] {
        switch self {
        case .culture: [1, 2]
        case .insight: [3, 4]
        case .experienceDesign: [5, 6, 7]
        }
    }
}
