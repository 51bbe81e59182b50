/// The stack of open containers that the encoder's and decoder's states share: frames get a
/// serial number when pushed, so that a container can tell whether its frame is still the one
/// it was made for (not closed, not replaced by a sibling).
protocol FrameStack: AnyObject {
    associatedtype Frame: SerialFrame
    var frames: UnsharedArray<Frame> { get }
    var serials: Int { get set }
    /// The coding path of the innermost frame open.
    var codingPath: [any CodingKey] { get }
}

/// A frame with the serial number it was pushed with.
protocol SerialFrame {
    var serial: Int { get set }
}

extension EncodingFrame: SerialFrame {}
extension DecodingFrame: SerialFrame {}

extension FrameStack {
    /// Opens `frame` and returns its index.
    func push(_ frame: Frame) -> Int {
        var frame = frame
        serials &+= 1
        frame.serial = serials
        frames.append(frame)
        return frames.count - 1
    }

    /// Whether frame `index` is still the frame `serial`, which a container was made for: not
    /// closed, and not replaced by a sibling.
    func isOpen(_ index: Int, serial: Int) -> Bool {
        index < frames.count && frames[index].serial == serial
    }
}

/// An unkeyed container: its state and the frame it was made for, with that frame's serial.
protocol FrameContainer {
    associatedtype State: FrameStack
    var state: State { get }
    var frame: Int { get }
    var serial: Int { get }
    init(state: State, frame: Int, serial: Int)
}

extension FrameContainer {
    /// The container of frame `frame`, which is open.
    init(state: State, frame: Int) {
        self.init(state: state, frame: frame, serial: state.frames[frame].serial)
    }

    var codingPath: [any CodingKey] { Array(state.codingPath.prefix(frame)) }

    /// Whether the container's frame is still open.
    var isFrameOpen: Bool { state.isOpen(frame, serial: serial) }
}
