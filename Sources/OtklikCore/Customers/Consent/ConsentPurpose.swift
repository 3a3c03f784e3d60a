/// What a customer agreed to be contacted for.
public enum ConsentPurpose: String, Sendable, Codable, CaseIterable {
    case service
    case survey
    case marketing
}
