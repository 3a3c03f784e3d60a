import Foundation

/// An employee's issue or idea about an internal process (seed 001, 2e-2f). It opens a case of kind `employee` that
/// follows the same loop as a complaint; the employee follows it through a status link.
public struct EmployeeIssue: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case issue, idea
    }

    /// The client's id (idempotent): a resend with the same id is stored once.
    public var id: String
    public var kind: Kind
    /// Who raised it (optional: an employee may stay anonymous).
    public var staff: String?
    public var location: String?
    /// The process or theme it is about (a code, optional), matched by assignment rules as a reason.
    public var topic: String?
    public var text: String

    public init(id: String, kind: Kind, staff: String? = nil, location: String? = nil, topic: String? = nil, text: String) {
        self.id = id
        self.kind = kind
        self.staff = staff
        self.location = location
        self.topic = topic
        self.text = text
    }

    public func validate() throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        if let staff { try Identifier.validate(staff, field: "staff") }
        if let location { try Identifier.validate(location, field: "location") }
        if let topic { try Identifier.validate(topic, field: "topic") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 5_000 { throw .invalid("text", "text is 1-5000 characters") }
    }
}
