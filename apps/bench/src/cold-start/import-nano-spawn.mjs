// Only the import of the nano-spawn package, as a user writes it.
import "nano-spawn";
