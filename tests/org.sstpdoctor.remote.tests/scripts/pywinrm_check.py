"""Drives the test WS-Man endpoint with Debian's python3-winrm (pywinrm 0.3.0), a third-party WinRM client.

Usage: pywinrm_check.py URL basic|ntlm|kerberos USER PASSWORD [CA_PEM]
NTLM over http uses message encryption; NTLM over https relies on TLS and sends channel bindings.
Kerberos takes its ticket from the credential cache KRB5CCNAME (the password argument is not used); over https it
relies on TLS (Debian's pykerberos has no WinRM message encryption).
Prints one JSON object: the results of a few commands, or {"error": <exception class>, "message": ...}.
"""
import json
import sys

import winrm

url, transport, user, password = sys.argv[1:5]
if transport == 'basic':
    session = winrm.Session(url, auth=(user, password), transport='basic',
                            server_cert_validation='validate', ca_trust_path=sys.argv[5])
elif transport == 'kerberos':
    session = winrm.Session(url, auth=(user, password), transport='kerberos', message_encryption='auto',
                            server_cert_validation='validate', ca_trust_path=sys.argv[5])
elif url.startswith('https'):
    session = winrm.Session(url, auth=(user, password), transport='ntlm', message_encryption='auto',
                            server_cert_validation='validate', ca_trust_path=sys.argv[5])
else:
    session = winrm.Session(url, auth=(user, password), transport='ntlm', message_encryption='always')


def result(r):
    return {'code': r.status_code, 'stdout': r.std_out.decode('utf-8'), 'stderr': r.std_err.decode('utf-8')}


try:
    out = {
        'ipconfig': result(session.run_cmd('ipconfig', ['/all'])),
        'fail': result(session.run_cmd('fail')),
        'slow': result(session.run_cmd('slowecho', ['2', 'late'])),
        'ps': result(session.run_ps('Get-Service SstpSvc | ConvertTo-Json')),
    }
except Exception as e:  # reported to the Java test, which asserts on it
    out = {'error': type(e).__name__, 'message': str(e)}
print(json.dumps(out))
