/// A link among siblings (a view of a list, a tab): `current` marks the one shown.
struct PageLink: Sendable {
    let href: String
    let label: String
    var current = false
}
