/// The administrators' list of dashboard users (`/admin/users`, `admin-users.mustache`): each user's role, where they
/// read and act, when they last signed in, and — for the user being edited — the form that changes role and scope.
struct UsersPage: Sendable {
    let rows: [Row]
    /// The user whose role and scope the form changes (`/admin/users/{name}`); nil on the list alone.
    var edit: Edit?
    /// The user just changed (`?saved=`).
    var saved: String?
    var error: String?

    struct Row: Sendable {
        let username: String
        let role: String
        let scope: String
        let lastLogin: String
        let staff: String?
        /// The link to the form, percent-encoded.
        let editHref: String
        let editing: Bool
    }

    struct Edit: Sendable {
        let username: String
        let action: String
        let roles: [SelectOption]
        let regions: [Choice]
        let locations: [Choice]
        let hasRegions: Bool
        let hasLocations: Bool
    }

    /// One checkbox: a region or location by name, checked when in the user's scope.
    struct Choice: Sendable {
        let id: String
        let code: String
        let name: String
        let checked: Bool
    }
}
