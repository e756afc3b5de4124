/*
 * banned.h - functions that overflow buffers or hide truncation are compile
 * errors in Vigil. Use struct strbuf (strbuf.h) or snprintf instead.
 * Included last by util.h so that every module gets it.
 */
#ifndef VIGIL_BANNED_H
#define VIGIL_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_in_vigil

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)

#endif
