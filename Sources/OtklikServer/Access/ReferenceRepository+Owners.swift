import OtklikCore
import OtklikStore

/// Whom a caller may make the owner of a case or a problem: anyone for the organisation, the staff of the scope's
/// locations for a caller limited to some — another location's staff are not theirs to name (issue 21 item 3).
extension ReferenceRepository {
    /// The staff codes a caller may name as an owner; nil for the organisation (any).
    func assignableStaff(by context: AppRequestContext) async throws -> Set<String>? {
        let scope = context.accessScope
        guard !scope.isOrganisation else { return nil }
        return Set(try await staff().filter { scope.allows(location: $0.location) }.map(\.code))
    }

    /// Refuses `owner` outside ``assignableStaff(by:)`` with 422 naming `owner`, before anything is written.
    func requireAssignable(owner: String, by context: AppRequestContext) async throws {
        guard let allowed = try await assignableStaff(by: context), !allowed.contains(owner) else { return }
        throw OtklikError.invalid(
            "owner", "'\(owner)' is not a member of staff at the locations this \(context.principal?.kind == .apiKey ? "API key" : "user") is limited to; "
                + "choose one of theirs")
    }

    func requireAssignable(_ action: ProblemAction, by context: AppRequestContext) async throws {
        if case .assign(let owner) = action { try await requireAssignable(owner: owner, by: context) }
    }

    func requireAssignable(_ action: CaseAction, by context: AppRequestContext) async throws {
        if case .assign(let owner) = action { try await requireAssignable(owner: owner, by: context) }
    }

    /// The owner drop-down of a case or problem page: the codes of `names` a caller may name.
    func ownerCodes(_ names: ReferenceNames, by context: AppRequestContext) async throws -> [String] {
        guard let theirs = try await assignableStaff(by: context) else { return names.codes(.staff) }
        return names.codes(.staff).filter(theirs.contains)
    }
}
