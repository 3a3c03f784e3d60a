/// The error page: the status code and what went wrong, in the reader's language.
struct ErrorPage: Sendable {
    let status: String
    let message: String
}
