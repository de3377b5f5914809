/* version.h - kpic's version, printed by --version and written into outputs. */
#ifndef KPIC_VERSION
#define KPIC_VERSION "0.1.0"
#endif
