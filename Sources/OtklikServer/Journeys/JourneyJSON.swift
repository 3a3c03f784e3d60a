import Foundation
import OtklikCore

/// A journey as the API and the import file carry it (snake_case; channels, sources and statuses as strings, checked
/// here so that a wrong one is named by its path).
struct JourneyJSON: Codable, Sendable {
    struct Owner: Codable, Sendable {
        var kind: String
        var id: String
    }

    struct Touchpoint: Codable, Sendable {
        var channel: String
        var service: String?
    }

    struct Binding: Codable, Sendable {
        var source: String
        var channels: [String]?
        var services: [String]?
        var topics: [String]?
        var statuses: [String]?
    }

    struct Stage: Codable, Sendable {
        var code: String
        var nameRu: String?
        var nameEn: String?
        var expectation: String?
        var touchpoints: [Touchpoint]?
        var bindings: [Binding]?

        enum CodingKeys: String, CodingKey { case code, nameRu = "name_ru", nameEn = "name_en", expectation, touchpoints, bindings }
    }

    var code: String?
    var nameRu: String?
    var nameEn: String?
    var owner: Owner
    var northStar: String?
    var active: Bool?
    var satisfactionTarget: Double?
    var stages: [Stage]

    enum CodingKeys: String, CodingKey {
        case code, nameRu = "name_ru", nameEn = "name_en", owner, northStar = "north_star", active, satisfactionTarget = "satisfaction_target", stages
    }

    init(_ journey: Journey) {
        code = journey.code
        nameRu = journey.nameRu
        nameEn = journey.nameEn
        owner = Owner(kind: journey.owner.kind.rawValue, id: journey.owner.id)
        northStar = journey.northStar
        active = journey.active
        satisfactionTarget = journey.satisfactionTarget
        stages = journey.stages.map { stage in
            Stage(
                code: stage.code, nameRu: stage.nameRu, nameEn: stage.nameEn, expectation: stage.expectation,
                touchpoints: stage.touchpoints.map { Touchpoint(channel: $0.channel.rawValue, service: $0.service) },
                bindings: stage.bindings.map { binding in
                    Binding(
                        source: binding.source.rawValue, channels: binding.channels.map(\.rawValue), services: binding.services, topics: binding.topics,
                        statuses: binding.statuses)
                })
        }
    }

    /// The Core value, validated; `code` fills in a missing code (the PUT path's).
    func journey(code fallback: String? = nil) throws(OtklikError) -> Journey {
        guard let code = code ?? fallback else { throw .invalid("code", "missing field code") }
        guard let kind = JourneyOwner.Kind(rawValue: owner.kind) else { throw .invalid("owner.kind", "owner.kind is user or staff") }
        func channel(_ text: String, _ path: String) throws(OtklikError) -> Channel {
            guard let channel = Channel(rawValue: text) else {
                throw .invalid(path, "unknown channel '\(text)': \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return channel
        }
        var stages: [JourneyStage] = []
        for (stageIndex, stage) in self.stages.enumerated() {
            let path = "stages[\(stageIndex)]"
            var touchpoints: [JourneyTouchpoint] = []
            for (index, touchpoint) in (stage.touchpoints ?? []).enumerated() {
                let service = touchpoint.service.flatMap { $0.isEmpty ? nil : $0 }
                touchpoints.append(JourneyTouchpoint(channel: try channel(touchpoint.channel, "\(path).touchpoints[\(index)].channel"), service: service))
            }
            var bindings: [JourneyBinding] = []
            for (index, binding) in (stage.bindings ?? []).enumerated() {
                let bindingPath = "\(path).bindings[\(index)]"
                guard let source = JourneyBinding.Source(rawValue: binding.source) else {
                    throw .invalid("\(bindingPath).source", "unknown source '\(binding.source)': feedback, interaction, request or case")
                }
                var channels: [Channel] = []
                for (position, text) in (binding.channels ?? []).enumerated() { channels.append(try channel(text, "\(bindingPath).channels[\(position)]")) }
                bindings.append(JourneyBinding(
                    source: source, channels: channels, services: binding.services ?? [], topics: binding.topics ?? [], statuses: binding.statuses ?? []))
            }
            stages.append(JourneyStage(
                code: stage.code, nameRu: stage.nameRu ?? "", nameEn: stage.nameEn ?? "", expectation: stage.expectation ?? "", touchpoints: touchpoints,
                bindings: bindings))
        }
        let journey = Journey(
            code: code, nameRu: nameRu ?? "", nameEn: nameEn ?? "", owner: JourneyOwner(kind: kind, id: owner.id), northStar: northStar ?? "",
            active: active ?? true, satisfactionTarget: satisfactionTarget, stages: stages)
        try journey.validate()
        return journey
    }
}

/// The import file: `{"journeys": [ … ]}`.
public enum JourneyImportFile {
    struct File: Decodable {
        var journeys: [JourneyJSON]
    }

    /// The file's journeys, validated; a malformed file or a bad field is an error naming its path (`journeys[0].stages[2].code`).
    public static func parse(_ data: Data) throws -> [Journey] {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw OtklikError(.invalidInput, "malformed JSON: \(ErrorMiddleware.describe(error))", field: ErrorMiddleware.field(of: error))
        }
        var journeys: [Journey] = []
        for (index, item) in file.journeys.enumerated() {
            do {
                journeys.append(try item.journey())
            } catch {
                throw error.prefixingField("journeys[\(index)]")
            }
        }
        return journeys
    }
}
