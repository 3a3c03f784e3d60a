import Foundation

/// One stage of a journey: what the customer does and expects there, where it happens (touchpoints: channel ×
/// stage, optionally one service) and which recorded events belong to it (bindings).
public struct JourneyStage: Sendable, Codable, Equatable {
    public static let maxItems = 50

    public var code: String
    public var nameRu: String
    public var nameEn: String
    /// What the customer expects at this stage (seed 004: expectation management).
    public var expectation: String
    public var touchpoints: [JourneyTouchpoint]
    public var bindings: [JourneyBinding]

    public init(
        code: String, nameRu: String, nameEn: String, expectation: String = "", touchpoints: [JourneyTouchpoint] = [],
        bindings: [JourneyBinding] = []
    ) {
        self.code = code
        self.nameRu = nameRu
        self.nameEn = nameEn
        self.expectation = expectation
        self.touchpoints = touchpoints
        self.bindings = bindings
    }

    public func name(_ language: String) -> String {
        let chosen = language == "en" ? nameEn : nameRu
        return chosen.isEmpty ? (language == "en" ? nameRu : nameEn) : chosen
    }

    func normalized() -> JourneyStage {
        var copy = self
        let trim = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        copy.nameRu = trim(nameRu)
        copy.nameEn = trim(nameEn)
        copy.expectation = trim(expectation)
        copy.bindings = bindings.map { $0.normalized() }
        return copy
    }

    func validate(path: String) throws(OtklikError) {
        try Identifier.validate(code, field: "\(path).code")
        guard code.firstIndex(of: "/") == nil else { throw .invalid("\(path).code", "a stage code has no '/'") }
        let trim = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !trim(nameRu).isEmpty || !trim(nameEn).isEmpty else { throw .invalid("\(path).name_ru", "name the stage in Russian or English") }
        guard nameRu.count <= 200, nameEn.count <= 200 else { throw .invalid("\(path).name_ru", "a stage name is at most 200 characters") }
        guard expectation.count <= 1000 else { throw .invalid("\(path).expectation", "expectation is at most 1000 characters") }
        guard touchpoints.count <= Self.maxItems else { throw .invalid("\(path).touchpoints", "at most \(Self.maxItems) touchpoints") }
        guard bindings.count <= Self.maxItems else { throw .invalid("\(path).bindings", "at most \(Self.maxItems) bindings") }
        for (index, touchpoint) in touchpoints.enumerated() {
            if let service = touchpoint.service { try Identifier.validate(service, field: "\(path).touchpoints[\(index)].service") }
        }
        for (index, binding) in bindings.enumerated() { try binding.validate(path: "\(path).bindings[\(index)]") }
    }
}
