import Foundation
import OtklikCore
import OtklikMetrics

public struct SQLJourneyRepository: JourneyRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public func put(_ journey: Journey, now: Date) async throws -> JourneyWrite {
        try await importAll([journey], now: now, prefix: nil)[0]
    }

    public func importAll(_ journeys: [Journey], now: Date) async throws -> [JourneyWrite] {
        try await importAll(journeys, now: now, prefix: "journeys")
    }

    func importAll(_ journeys: [Journey], now: Date, prefix: String?) async throws -> [JourneyWrite] {
        @Sendable func path(_ index: Int, _ field: String?) -> String {
            let head = prefix.map { "\($0)[\(index)]" }
            return [head, field].compactMap { $0 }.joined(separator: ".")
        }
        var codes = Set<String>()
        for (index, journey) in journeys.enumerated() {
            do { try journey.validate() } catch { throw OtklikError(error.code, error.message, field: path(index, error.field)) }
            guard codes.insert(journey.code).inserted else {
                throw OtklikError.invalid(path(index, "code"), "journey code '\(journey.code)' is used twice in the file")
            }
        }
        let batch = journeys.map { $0.normalized() }
        return try await database.transaction { tx in
            for (index, journey) in batch.enumerated() {
                do { try await Self.checkReferences(journey, tx) } catch let error as OtklikError {
                    throw OtklikError(error.code, error.message, field: path(index, error.field))
                }
            }
            let stored = try await Self.load(codes: batch.map(\.code), tx)
            var outcome: [JourneyWrite] = []
            for journey in batch {
                guard let previous = stored[journey.code] else {
                    outcome.append(.created)
                    continue
                }
                outcome.append(previous == journey ? .unchanged : .updated)
            }
            let changed = zip(batch, outcome).filter { $0.1 != .unchanged }.map(\.0)
            guard !changed.isEmpty else { return outcome }
            let time = Self.ms(now)
            let position = try await ChangeFeed.append(.journeys, records: changed.count, at: time, in: tx)
            for (index, journey) in batch.enumerated() where outcome[index] != .unchanged {
                do {
                    try await Self.write(journey, created: outcome[index] == .created, time: time, position: position, tx)
                } catch let error as OtklikError {
                    throw OtklikError(error.code, error.message, field: path(index, error.field))
                }
            }
            return outcome
        }
    }

    /// Every service named exists; the owner is a user or a staff member of the store.
    static func checkReferences(_ journey: Journey, _ tx: any SQLExecutor) async throws {
        let ownerQuery = journey.owner.kind == .user ? "SELECT username AS code FROM users WHERE username = ?" : "SELECT code FROM staff WHERE code = ?"
        guard try await !tx.query(ownerQuery, [.text(journey.owner.id)]).isEmpty else {
            throw OtklikError.invalid("owner.id", "unknown \(journey.owner.kind.rawValue) '\(journey.owner.id)'")
        }
        let services = journey.serviceCodes.sorted()
        guard !services.isEmpty else { return }
        let marks = SQLMarks.list(services.count)
        let known = Set(try await tx.query("SELECT code FROM services WHERE code IN (\(marks))", services.map { .text($0) }).compactMap { $0.text("code") })
        for (stageIndex, stage) in journey.stages.enumerated() {
            for (index, touchpoint) in stage.touchpoints.enumerated() {
                if let service = touchpoint.service, !known.contains(service) {
                    throw OtklikError.invalid("stages[\(stageIndex)].touchpoints[\(index)].service", "unknown service '\(service)'")
                }
            }
            for (index, binding) in stage.bindings.enumerated() {
                if let position = binding.services.firstIndex(where: { !known.contains($0) }) {
                    throw OtklikError.invalid(
                        "stages[\(stageIndex)].bindings[\(index)].services[\(position)]", "unknown service '\(binding.services[position])'")
                }
            }
        }
    }

    /// Writes one journey: its row, its stages updated in place (a stage an initiative names cannot be removed), its
    /// touchpoints and bindings replaced.
    static func write(_ journey: Journey, created: Bool, time: Int64, position: Int64, _ tx: any SQLExecutor) async throws {
        let values: [SQLValue] = [
            .text(journey.nameRu), .text(journey.nameEn), .text(journey.owner.kind.rawValue), .text(journey.owner.id), .text(journey.northStar),
            .int(journey.active ? 1 : 0), journey.satisfactionTarget.map { .double($0) } ?? .null, .int(time), .int(position),
        ]
        if created {
            try await tx.execute(
                """
                INSERT INTO journeys (name_ru, name_en, owner_kind, owner_id, north_star, active, satisfaction_target, updated_at, feed_position, code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values + [.text(journey.code)])
        } else {
            try await tx.execute(
                """
                UPDATE journeys SET name_ru = ?, name_en = ?, owner_kind = ?, owner_id = ?, north_star = ?, active = ?, satisfaction_target = ?,
                    updated_at = ?, feed_position = ? WHERE code = ?
                """, values + [.text(journey.code)])
        }
        let code = SQLValue.text(journey.code)
        try await tx.execute("DELETE FROM journey_touchpoints WHERE journey_code = ?", [code])
        try await tx.execute("DELETE FROM journey_bindings WHERE journey_code = ?", [code])
        let existing = Set(try await tx.query("SELECT code FROM journey_stages WHERE journey_code = ?", [code]).compactMap { $0.text("code") })
        let kept = Set(journey.stages.map(\.code))
        for removed in existing.subtracting(kept).sorted() {
            let named = try await tx.query(
                "SELECT initiative_id FROM initiative_journey_stages WHERE journey_code = ? AND stage_code = ? ORDER BY initiative_id LIMIT 1",
                [code, .text(removed)])
            if let initiative = named.first?.text("initiative_id") {
                throw OtklikError(.conflict, "stage '\(removed)' is in the scope of initiative '\(initiative)' and cannot be removed", field: "stages")
            }
            try await tx.execute("DELETE FROM journey_stages WHERE journey_code = ? AND code = ?", [code, .text(removed)])
        }
        for (index, stage) in journey.stages.enumerated() {
            let fields: [SQLValue] = [.int(Int64(index)), .text(stage.nameRu), .text(stage.nameEn), .text(stage.expectation), code, .text(stage.code)]
            if existing.contains(stage.code) {
                try await tx.execute("UPDATE journey_stages SET position = ?, name_ru = ?, name_en = ?, expectation = ? WHERE journey_code = ? AND code = ?", fields)
            } else {
                try await tx.execute("INSERT INTO journey_stages (position, name_ru, name_en, expectation, journey_code, code) VALUES (?, ?, ?, ?, ?, ?)", fields)
            }
        }
        try await tx.insertRows(
            "journey_touchpoints", columns: ["journey_code", "stage_code", "seq", "channel", "service_code"],
            rows: journey.stages.flatMap { stage in
                stage.touchpoints.enumerated().map { index, touchpoint in
                    [code, .text(stage.code), .int(Int64(index)), .text(touchpoint.channel.rawValue), SQLValue(touchpoint.service)]
                }
            })
        try await tx.insertRows(
            "journey_bindings", columns: ["journey_code", "stage_code", "seq", "source", "channels", "services", "topics", "statuses"],
            rows: journey.stages.flatMap { stage in
                stage.bindings.enumerated().map { index, binding in
                    [
                        code, .text(stage.code), .int(Int64(index)), .text(binding.source.rawValue),
                        .text(binding.channels.map(\.rawValue).joined(separator: ";")), .text(binding.services.joined(separator: ";")),
                        .text(binding.topics.joined(separator: ";")), .text(binding.statuses.joined(separator: ";")),
                    ]
                }
            })
    }

    public func journeys() async throws -> [Journey] {
        let codes = try await database.query("SELECT code FROM journeys ORDER BY code").compactMap { $0.text("code") }
        let loaded = try await Self.load(codes: codes, database)
        return codes.compactMap { loaded[$0] }
    }

    public func journey(code: String) async throws -> Journey? {
        try await Self.load(codes: [code], database)[code]
    }

    public func events(of journey: Journey, from: Date, to: Date) async throws -> [JourneyEvent] {
        try await JourneyEventSource(database: database).events(of: journey, from: from, to: to)
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ";").map(String.init)
    }

    static func load(codes: [String], _ executor: any SQLExecutor) async throws -> [String: Journey] {
        guard !codes.isEmpty else { return [:] }
        var result: [String: Journey] = [:]
        for start in stride(from: 0, to: codes.count, by: 500) {
            let chunk = Array(codes[start..<min(start + 500, codes.count)])
            let marks = SQLMarks.list(chunk.count)
            let binds = chunk.map { SQLValue.text($0) }
            for row in try await executor.query(
                "SELECT code, name_ru, name_en, owner_kind, owner_id, north_star, active, satisfaction_target FROM journeys WHERE code IN (\(marks))", binds)
            {
                let code = try row.string("code")
                result[code] = Journey(
                    code: code, nameRu: try row.string("name_ru"), nameEn: try row.string("name_en"),
                    owner: JourneyOwner(kind: JourneyOwner.Kind(rawValue: try row.string("owner_kind")) ?? .user, id: try row.string("owner_id")),
                    northStar: try row.string("north_star"), active: row.int64("active") == 1, satisfactionTarget: row["satisfaction_target"].double,
                    stages: [])
            }
            var stageIndex: [String: [String: Int]] = [:]
            for row in try await executor.query(
                "SELECT journey_code, code, name_ru, name_en, expectation FROM journey_stages WHERE journey_code IN (\(marks)) ORDER BY journey_code, position",
                binds)
            {
                let journey = try row.string("journey_code")
                let stage = JourneyStage(
                    code: try row.string("code"), nameRu: try row.string("name_ru"), nameEn: try row.string("name_en"),
                    expectation: try row.string("expectation"))
                stageIndex[journey, default: [:]][stage.code] = result[journey]?.stages.count ?? 0
                result[journey]?.stages.append(stage)
            }
            for row in try await executor.query(
                "SELECT journey_code, stage_code, channel, service_code FROM journey_touchpoints WHERE journey_code IN (\(marks)) ORDER BY journey_code, stage_code, seq",
                binds)
            {
                let journey = try row.string("journey_code")
                guard let index = stageIndex[journey]?[try row.string("stage_code")], let channel = Channel(rawValue: try row.string("channel")) else { continue }
                result[journey]?.stages[index].touchpoints.append(JourneyTouchpoint(channel: channel, service: row.text("service_code")))
            }
            for row in try await executor.query(
                """
                SELECT journey_code, stage_code, source, channels, services, topics, statuses FROM journey_bindings
                WHERE journey_code IN (\(marks)) ORDER BY journey_code, stage_code, seq
                """, binds)
            {
                let journey = try row.string("journey_code")
                guard let index = stageIndex[journey]?[try row.string("stage_code")],
                    let source = JourneyBinding.Source(rawValue: try row.string("source"))
                else { continue }
                result[journey]?.stages[index].bindings.append(JourneyBinding(
                    source: source, channels: list(row.text("channels")).compactMap(Channel.init(rawValue:)), services: list(row.text("services")),
                    topics: list(row.text("topics")), statuses: list(row.text("statuses"))))
            }
        }
        return result.mapValues { $0.normalized() }
    }
}
