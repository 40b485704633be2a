import { describe, expect, it } from 'vitest';
import { redactUrl } from './deliver.js';

describe('redactUrl', () => {
  it('keeps where a webhook points but not its secrets', () => {
    expect(redactUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***');
    expect(redactUrl('https://open.feishu.cn/open-apis/bot/v2/hook/0d9a2c7e-4b1f-4f7e-9c1a-8f2b')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/0d9a***');
    expect(redactUrl('https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX')).toBe('https://hooks.slack.com/services/T000/B000/XXXX***');
  });
});
