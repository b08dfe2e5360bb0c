/*
 * A stand-in for a vendor's libsdtapi.so, built by tests/drivers/idcard-sdtapi.test.ts with cc. It exports
 * the standard sdtapi functions with the vendors' signatures and return codes, and plays a reader with a
 * synthetic card: the test writes the reader's state to CONTROL_PATH ("card", "nocard", "sam60", "sam66",
 * "gone", "readfail") and the card's 256-byte UCS-2 text block to TEXT_PATH. Every call is appended to
 * LOG_PATH so the test can check what the driver called, with which port and iIfOpen.
 */
#include <stdio.h>
#include <string.h>

#ifndef CONTROL_PATH
#error CONTROL_PATH must be defined
#endif

static int opened_port = 0;

static void mode(char *out, size_t n) {
  FILE *f = fopen(CONTROL_PATH, "r");
  out[0] = 0;
  if (!f) return;
  size_t got = fread(out, 1, n - 1, f);
  fclose(f);
  out[got] = 0;
  for (size_t i = 0; i < got; i++) if (out[i] == '\n') out[i] = 0;
}

static void note(const char *call, int port, int if_open, int rc) {
  FILE *f = fopen(LOG_PATH, "a");
  if (!f) return;
  fprintf(f, "%s %d %d %02X\n", call, port, if_open, rc);
  fclose(f);
}

int SDT_OpenPort(int iPort) {
  char m[32];
  mode(m, sizeof m);
  int rc = 0x90;
  if (strcmp(m, "gone") == 0 || !((iPort >= 1 && iPort <= 16) || (iPort >= 1001 && iPort <= 1016))) rc = 0x01;
  else opened_port = iPort;
  note("OpenPort", iPort, -1, rc);
  return rc;
}

int SDT_ClosePort(int iPort) {
  if (iPort == opened_port) opened_port = 0;
  note("ClosePort", iPort, -1, 0x90);
  return 0x90;
}

int SDT_StartFindIDCard(int iPort, unsigned char *pucManaInfo, int iIfOpen) {
  char m[32];
  mode(m, sizeof m);
  int rc;
  if (iPort != opened_port) rc = 0x01;
  else if (strcmp(m, "gone") == 0) rc = 0x02; /* the reader stopped answering: receive timeout */
  else if (strcmp(m, "sam60") == 0) rc = 0x60;
  else if (strcmp(m, "sam66") == 0) rc = 0x66;
  else if (strcmp(m, "card") == 0 || strcmp(m, "readfail") == 0) {
    memset(pucManaInfo, 0, 4);
    rc = 0x9F;
  } else rc = 0x80;
  note("StartFindIDCard", iPort, iIfOpen, rc);
  return rc;
}

int SDT_SelectIDCard(int iPort, unsigned char *pucManaMsg, int iIfOpen) {
  char m[32];
  mode(m, sizeof m);
  int rc = (iPort == opened_port && (strcmp(m, "card") == 0 || strcmp(m, "readfail") == 0)) ? 0x90 : 0x81;
  if (rc == 0x90) memset(pucManaMsg, 0, 8);
  note("SelectIDCard", iPort, iIfOpen, rc);
  return rc;
}

int SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen, unsigned char *pucPHMsg, unsigned int *puiPHMsgLen, int iIfOpen) {
  char m[32];
  mode(m, sizeof m);
  int rc = 0x41;
  if (iPort == opened_port && strcmp(m, "card") == 0) {
    FILE *f = fopen(TEXT_PATH, "rb");
    if (f) {
      size_t got = fread(pucCHMsg, 1, 256, f);
      fclose(f);
      if (got == 256) {
        *puiCHMsgLen = 256;
        memset(pucPHMsg, 0x5A, 1024); /* a WLT photo's size; its content does not matter here */
        *puiPHMsgLen = 1024;
        rc = 0x90;
      }
    }
  }
  note("ReadBaseMsg", iPort, iIfOpen, rc);
  return rc;
}
