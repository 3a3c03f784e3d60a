import Foundation
import OtklikCore
import OtklikMetrics

/// What writing a journey did.
public enum JourneyWrite: String, Sendable, Equatable {
    case created
    case updated
    /// The same journey was stored already: nothing written, no feed event.
    case unchanged
}

/// The journeys, written once for both engines.
public protocol JourneyRepository: Sendable {
    /// Stores one journey (create or replace by code).
    func put(_ journey: Journey, now: Date) async throws -> JourneyWrite
    /// Validates every journey, then stores them in one transaction, all or nothing; one stored unchanged writes
    /// nothing, so importing a file twice changes nothing. Errors name the path: `journeys[1].stages[0].code`.
    func importAll(_ journeys: [Journey], now: Date) async throws -> [JourneyWrite]
    func journeys() async throws -> [Journey]
    func journey(code: String) async throws -> Journey?
    /// The events bound to the journey's stages with a time in [from, to).
    func events(of journey: Journey, from: Date, to: Date) async throws -> [JourneyEvent]
}
