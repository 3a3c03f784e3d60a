/// The sign-in form (`/login`, `login.mustache`): where to go next, the name entered, and why the last try failed.
struct LoginPage: Sendable {
    let next: String
    var failed = false
    var throttled = false
    var username = ""
}
