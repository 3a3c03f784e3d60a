import Foundation
import OtklikCore

/// A one-time link made when a pulse survey starts or its links are issued again: shown once to whoever hands the
/// links out; the store keeps only the token's SHA-256.
public struct PulseInvitationLink: Sendable, Equatable {
    public var staff: String
    public var name: String
    public var email: String?
    /// The location or team the answer will count in.
    public var group: String?
    public var token: String
}

/// What became of an answer sent through a link.
public enum PulseAnswerOutcome: Sendable, Equatable {
    case recorded
    /// This link was already used: nothing changed (a retried submission is harmless).
    case alreadyAnswered
    /// The survey is not taking answers (a draft or closed).
    case notOpen
    case unknownLink
}

/// The stored answers of a survey with what the results need: the invitations per group (never per person).
public struct PulseTally: Sendable, Equatable {
    public var survey: PulseSurvey
    public var answers: [PulseAnswer]
    public var invitedByGroup: [String?: Int]
    public var answered: Int
    /// When the survey closed (nil while it is a draft or open).
    public var closedAt: Date?
}

/// Pulse surveys to staff (issue 20 item 5). Their invitations and answers are kept apart (migration 0047).
public protocol PulseSurveyRepository: Sendable {
    func surveys() async throws -> [PulseSurvey]
    func survey(code: String) async throws -> PulseSurvey?
    /// Creates a draft or edits a survey; a started survey's grouping or minimum stays (409 naming the field).
    func save(_ survey: PulseSurvey, now: Date) async throws -> PulseSurvey
    /// Starts a draft: invites every staff member employed on `today` (`YYYY-MM-DD`; at `locations` only, when given),
    /// fixing each one's group; returns their links (shown once). 409 when not a draft, 422 when nobody would be invited.
    func start(code: String, locations: Set<String>?, today: String, now: Date) async throws -> [PulseInvitationLink]
    /// New links for the invited who have not answered (the old ones stop working); the survey must be open.
    func reissue(code: String) async throws -> [PulseInvitationLink]
    /// Stops taking answers; the results are shown from then on.
    func close(code: String, now: Date) async throws -> PulseSurvey
    /// The survey a link belongs to and whether it was used; nil for an unknown link.
    func invitation(token: String) async throws -> (survey: PulseSurvey, answered: Bool)?
    /// Records an answer and marks the link used, in one transaction.
    func answer(token: String, score: Int, comment: String?) async throws -> PulseAnswerOutcome
    func tally(code: String) async throws -> PulseTally?
}

extension AppDatabase {
    public var pulseSurveys: any PulseSurveyRepository { SQLPulseSurveyRepository(database: sql) }
}
