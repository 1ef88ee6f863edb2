// Only the import of the tinyexec package, as a user writes it.
import "tinyexec";
