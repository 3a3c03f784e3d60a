import Foundation

/// A programme's message waiting for delivery (`programme_messages`): where it goes (the channel and, until it is sent
/// or given up, the address), in which language, and its text as rendered from the programme's template.
public struct ProgrammeMessage: Sendable, Equatable {
    public var id: String
    public var action: String
    public var programme: String
    public var customer: String
    public var channel: String
    public var recipient: String?
    public var language: String
    public var subject: String
    public var body: String
    /// `pending`, `sent` or `failed`.
    public var status: String
    public var attempts: Int
}
