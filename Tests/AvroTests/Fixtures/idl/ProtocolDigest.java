import java.io.File;
import org.apache.avro.Protocol;

/** Prints, for each .avpr file named, the MD5 of the protocol (in hex) and its text, as Java Avro computes them. */
public class ProtocolDigest {
  public static void main(String[] args) throws Exception {
    for (String path : args) {
      Protocol protocol = Protocol.parse(new File(path));
      StringBuilder hex = new StringBuilder();
      for (byte b : protocol.getMD5()) hex.append(String.format("%02x", b));
      System.out.println(hex + "\t" + protocol.toString());
    }
  }
}
