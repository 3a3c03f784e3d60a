import Foundation

/// A customer journey (seed 000's track A → 1…5 → B; seed 001 §6a-6i; seed 004's journey map and its gaps): ordered
/// stages with their touchpoints, one accountable owner, the target ("north star") experience, and the bindings that
/// say which recorded events belong to each stage, so the stages can be measured.
public struct Journey: Sendable, Codable, Equatable {
    public static let maxStages = 20

    public var code: String
    public var nameRu: String
    public var nameEn: String
    /// The single point of accountability (seed 001, 6f).
    public var owner: JourneyOwner
    /// The target experience in words (seed 001, 6d).
    public var northStar: String
    public var active: Bool
    /// The satisfaction (CSAT share of 4-5, in per cent) every stage should reach; gaps are measured from it, or from the
    /// journey's best stage when absent.
    public var satisfactionTarget: Double?
    /// In the order a customer goes through them.
    public var stages: [JourneyStage]

    public init(
        code: String, nameRu: String, nameEn: String, owner: JourneyOwner, northStar: String = "", active: Bool = true,
        satisfactionTarget: Double? = nil, stages: [JourneyStage]
    ) {
        self.code = code
        self.nameRu = nameRu
        self.nameEn = nameEn
        self.owner = owner
        self.northStar = northStar
        self.active = active
        self.satisfactionTarget = satisfactionTarget
        self.stages = stages
    }

    /// The name in a language (`ru`, `en`), the other one when it is empty.
    public func name(_ language: String) -> String {
        let chosen = language == "en" ? nameEn : nameRu
        return chosen.isEmpty ? (language == "en" ? nameRu : nameEn) : chosen
    }

    /// Text trimmed and binding lists sorted without repeats: how a journey is stored and compared.
    public func normalized() -> Journey {
        var copy = self
        let trim = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        copy.nameRu = trim(nameRu)
        copy.nameEn = trim(nameEn)
        copy.northStar = trim(northStar)
        copy.owner.id = trim(owner.id)
        copy.stages = stages.map { $0.normalized() }
        return copy
    }

    /// Checks every field; the error names the path of the first bad one (`stages[2].bindings[0].statuses[1]`).
    public func validate() throws(OtklikError) {
        try Identifier.validate(code, field: "code")
        let trim = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !trim(nameRu).isEmpty || !trim(nameEn).isEmpty else { throw .invalid("name_ru", "name the journey in Russian or English") }
        guard nameRu.count <= 200 else { throw .invalid("name_ru", "name_ru is at most 200 characters") }
        guard nameEn.count <= 200 else { throw .invalid("name_en", "name_en is at most 200 characters") }
        try Identifier.validate(trim(owner.id), field: "owner.id")
        guard northStar.count <= 2000 else { throw .invalid("north_star", "north_star is at most 2000 characters") }
        if let satisfactionTarget, !(satisfactionTarget > 0 && satisfactionTarget <= 100) {
            throw .invalid("satisfaction_target", "satisfaction_target is a share in per cent, above 0 and at most 100")
        }
        guard !stages.isEmpty else { throw .invalid("stages", "a journey has at least one stage") }
        guard stages.count <= Self.maxStages else { throw .invalid("stages", "a journey has at most \(Self.maxStages) stages") }
        var seen = Set<String>()
        for (index, stage) in stages.enumerated() {
            try stage.validate(path: "stages[\(index)]")
            guard seen.insert(stage.code).inserted else { throw .invalid("stages[\(index)].code", "stage code '\(stage.code)' is used twice") }
        }
    }

    /// Every service code the journey names (touchpoints and bindings), for the reference check.
    public var serviceCodes: Set<String> {
        Set(stages.flatMap { stage in stage.touchpoints.compactMap(\.service) + stage.bindings.flatMap(\.services) })
    }
}
