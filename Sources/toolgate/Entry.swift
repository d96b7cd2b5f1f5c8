import Commands

/// The executable's entry point and nothing else: the commands live in the Commands module.
@main
struct Entry {
    static func main() async {
        await Toolgate.main()
    }
}
