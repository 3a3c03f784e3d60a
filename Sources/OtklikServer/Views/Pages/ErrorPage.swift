/// The error page: the status code and what went wrong, in the reader's language.
struct ErrorPage: Sendable {
    let status: String
    let message: String
    /// The heading when the refusal is not a failure — figures that are the organisation's only, refused to a user
    /// limited to some service points (a field `scope_…`); nil: "Something went wrong (status)".
    var heading: String? = nil
}
